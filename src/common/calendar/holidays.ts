/**
 * China's public holidays and 调休 working weekends, as published each year by the State Council General Office
 * (国务院办公厅关于…年部分节假日安排的通知). Data, not rules: the calendar cannot be computed (调休 changes every
 * year), so each year is transcribed from its notice and a county can correct or add a year (stored as the setting
 * `calendar.years`, merged over these). A year that is not listed has only ordinary weekends — callers show that the
 * year's arrangement is missing (see `WorkingCalendar.knowsYear`).
 */
export interface CalendarYear {
  year: number;
  /** Where the dates come from, shown next to the calendar. */
  source: string;
  /** Days off (inclusive ranges, YYYY-MM-DD) with the holiday's name. */
  holidays: { from: string; to: string; name: string }[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
}

export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      { from: '2025-01-01', to: '2025-01-01', name: '元旦' },
      { from: '2025-01-28', to: '2025-02-04', name: '春节' },
      { from: '2025-04-04', to: '2025-04-06', name: '清明节' },
      { from: '2025-05-01', to: '2025-05-05', name: '劳动节' },
      { from: '2025-05-31', to: '2025-06-02', name: '端午节' },
      { from: '2025-10-01', to: '2025-10-08', name: '国庆节、中秋节' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）',
    holidays: [
      { from: '2026-01-01', to: '2026-01-03', name: '元旦' },
      { from: '2026-02-15', to: '2026-02-23', name: '春节' },
      { from: '2026-04-04', to: '2026-04-06', name: '清明节' },
      { from: '2026-05-01', to: '2026-05-05', name: '劳动节' },
      { from: '2026-06-19', to: '2026-06-21', name: '端午节' },
      { from: '2026-09-25', to: '2026-09-27', name: '中秋节' },
      { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
