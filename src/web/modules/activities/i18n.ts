/** The activities module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const activitiesZh = {
  title: '教学常规与教研',
};

export const activitiesEn: Translation<typeof activitiesZh> = {
  title: 'Teaching routine',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
