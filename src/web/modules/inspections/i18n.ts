/** The inspections module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const inspectionsZh = {
  title: '督导与整改',
};

export const inspectionsEn: Translation<typeof inspectionsZh> = {
  title: 'Inspection & rectification',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
