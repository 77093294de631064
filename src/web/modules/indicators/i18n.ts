/** The indicators module's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const indicatorsZh = {
  title: '方案与指标',
};

export const indicatorsEn: Translation<typeof indicatorsZh> = {
  title: 'Plans & indicators',
};

type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
