/** What a benchmark reports: a measured value against its budget (or against the alternative named in an issue). */
export interface BenchResult {
  name: string;
  measured: number;
  budget: number;
  unit: string;
}
