import { useSearchParams } from 'react-router';
import { ExamList } from './ExamList';
import { ExamReport } from './ExamReport';

/**
 * 考试与成绩: the exam list, or one exam's reports when `?exam=` is set. The report's tab, school, class and subject
 * live in the URL too, so every drill-down step is a link that can be shared, reloaded or gone back from.
 */
export function ExamsPage() {
  const [params] = useSearchParams();
  const exam = Number(params.get('exam'));
  return exam > 0 ? <ExamReport examId={exam} /> : <ExamList />;
}
