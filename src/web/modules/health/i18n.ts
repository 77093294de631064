/** The health module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const healthZh = {
  title: '学生健康',
};

export const healthEn: Translation<typeof healthZh> = {
  title: 'Student health',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
