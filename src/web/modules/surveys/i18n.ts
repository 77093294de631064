/** The surveys module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const surveysZh = {
  title: '满意度与诉求',
};

export const surveysEn: Translation<typeof surveysZh> = {
  title: 'Surveys & concerns',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
