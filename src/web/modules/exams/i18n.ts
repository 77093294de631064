/** The exams module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const examsZh = {
  title: '学业质量监测',
};

export const examsEn: Translation<typeof examsZh> = {
  title: 'Exam quality',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
