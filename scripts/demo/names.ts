/**
 * Name material for the demo county: surnames weighted by their share of China's population (approximate, from the
 * 2020 census rankings), given-name characters by generation and gender, and the parts Chinese county school names
 * are built from (城关第一小学, 青石镇中心小学, 青石镇张家湾小学, 县第二中学, 县实验学校 …).
 */
import { type Random, WeightedTable } from './random.js';

/** [surname, share of the population in ‰] — the ~100 most common surnames plus a few compound ones. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71.2],
  ['李', 70.0],
  ['张', 67.4],
  ['刘', 53.8],
  ['陈', 45.3],
  ['杨', 30.8],
  ['黄', 22.3],
  ['赵', 19.6],
  ['吴', 18.3],
  ['周', 17.2],
  ['徐', 12.7],
  ['孙', 12.3],
  ['马', 12.1],
  ['朱', 11.6],
  ['胡', 11.4],
  ['郭', 10.3],
  ['何', 9.8],
  ['林', 9.4],
  ['高', 9.1],
  ['罗', 8.8],
  ['郑', 8.3],
  ['梁', 8.0],
  ['谢', 7.0],
  ['宋', 6.5],
  ['唐', 6.4],
  ['许', 6.2],
  ['韩', 6.1],
  ['冯', 6.0],
  ['邓', 5.9],
  ['曹', 5.8],
  ['彭', 5.7],
  ['曾', 5.6],
  ['肖', 5.5],
  ['田', 5.4],
  ['董', 5.2],
  ['袁', 5.1],
  ['潘', 5.0],
  ['于', 4.9],
  ['蒋', 4.8],
  ['蔡', 4.7],
  ['余', 4.6],
  ['杜', 4.5],
  ['叶', 4.4],
  ['程', 4.3],
  ['苏', 4.2],
  ['魏', 4.1],
  ['吕', 4.0],
  ['丁', 3.9],
  ['任', 3.8],
  ['沈', 3.7],
  ['姚', 3.6],
  ['卢', 3.5],
  ['姜', 3.4],
  ['崔', 3.3],
  ['钟', 3.2],
  ['谭', 3.1],
  ['陆', 3.0],
  ['汪', 2.9],
  ['范', 2.8],
  ['金', 2.7],
  ['石', 2.6],
  ['廖', 2.5],
  ['贾', 2.4],
  ['夏', 2.3],
  ['韦', 2.2],
  ['付', 2.1],
  ['方', 2.0],
  ['白', 1.9],
  ['邹', 1.8],
  ['孟', 1.7],
  ['熊', 1.6],
  ['秦', 1.5],
  ['邱', 1.4],
  ['江', 1.3],
  ['尹', 1.2],
  ['薛', 1.1],
  ['闫', 1.0],
  ['段', 1.0],
  ['雷', 0.9],
  ['侯', 0.9],
  ['龙', 0.8],
  ['史', 0.8],
  ['陶', 0.7],
  ['黎', 0.7],
  ['贺', 0.7],
  ['顾', 0.6],
  ['毛', 0.6],
  ['郝', 0.6],
  ['龚', 0.6],
  ['邵', 0.5],
  ['万', 0.5],
  ['钱', 0.5],
  ['严', 0.5],
  ['覃', 0.4],
  ['武', 0.4],
  ['戴', 0.4],
  ['莫', 0.4],
  ['孔', 0.4],
  ['向', 0.4],
  ['汤', 0.4],
  ['欧阳', 0.2],
  ['上官', 0.05],
  ['司马', 0.03],
  ['诸葛', 0.02],
];

/** Characters common in names of children born 2007–2020. */
const CHILD_MALE = chars(
  '子梓浩宇轩睿泽俊博文晨辰一涵航铭杰昊鑫嘉逸明阳豪凯然瑞诚天思楷皓宸奕煜锦哲霖烨熙乐恒毅翔宏卓彦景安佑',
);
const CHILD_FEMALE = chars(
  '梓涵欣怡雨萱诗语可馨佳思琪悦彤婷一若雅梦子妍琳晴萌瑶嘉艺菲露婧静心依沐昕桐希安宁芮汐灵语诺玥涵蕊璐月',
);
/** Characters common in names of adults born 1965–2000 (teachers, parents). */
const ADULT_MALE = chars(
  '建国华伟军强明平勇杰涛斌刚峰辉林波鹏俊磊超浩宇东海文志永春新晓德成龙云飞亮敏健鑫兵宏军红荣卫江正立光',
);
const ADULT_FEMALE = chars(
  '丽芳娟敏静燕霞玲艳红英华梅琴萍慧婷丹雪洁颖莉蓉倩晶君玉秀晓佳佩欢琳春兰凤芬霞媛菊莹薇娜露瑜珊琼敏晴艳',
);
/** Older generation (grandparents as guardians of 留守儿童). */
const ELDER_MALE = chars('福贵德发财生根富全有长树山保忠清金');
const ELDER_FEMALE = chars('桂兰秀英凤珍芝翠花香菊梅莲芬巧玉');

function chars(text: string): readonly string[] {
  return Array.from(text);
}

export type Generation = 'child' | 'adult' | 'elder';
export type Sex = 'M' | 'F';

const surnameTable = new WeightedTable(SURNAMES);

export function pickSurname(rng: Random): string {
  return surnameTable.pick(rng);
}

function charsFor(gen: Generation, sex: Sex): readonly string[] {
  if (gen === 'child') return sex === 'M' ? CHILD_MALE : CHILD_FEMALE;
  if (gen === 'adult') return sex === 'M' ? ADULT_MALE : ADULT_FEMALE;
  return sex === 'M' ? ELDER_MALE : ELDER_FEMALE;
}

/** A given name of one or two characters (children mostly two, elders often two with a shared pattern). */
export function pickGivenName(rng: Random, gen: Generation, sex: Sex): string {
  const chars = charsFor(gen, sex);
  const twoChars = gen === 'child' ? 0.78 : gen === 'adult' ? 0.6 : 0.7;
  const first = rng.pick(chars);
  if (!rng.chance(twoChars)) return first;
  let second = rng.pick(chars);
  if (second === first && !rng.chance(0.15)) second = rng.pick(chars);
  return first + second;
}

export function personName(rng: Random, gen: Generation, sex: Sex, surname?: string): string {
  return (surname ?? pickSurname(rng)) + pickGivenName(rng, gen, sex);
}

/** A mainland mobile number: 13x/15x/17x/18x/19x + 8 digits. */
export function mobilePhone(rng: Random): string {
  const prefix = rng.pick(['13', '13', '15', '15', '18', '18', '17', '19']);
  return prefix + rng.digits(9);
}

/** Towns (乡镇) of the demo county; a school district (学区) groups several. */
export const TOWNS: readonly string[] = [
  '青石镇',
  '河东镇',
  '白沙镇',
  '柳林镇',
  '石桥镇',
  '龙泉镇',
  '双溪镇',
  '梅岭镇',
  '清水镇',
  '杨柳镇',
  '新田镇',
  '桃源乡',
  '枫林乡',
  '大坪乡',
  '马鞍乡',
  '官庄乡',
  '松柏乡',
  '黄土乡',
  '高桥镇',
  '白马镇',
  '金竹乡',
  '长岭镇',
  '花园镇',
  '水口镇',
  '安平镇',
  '太平乡',
  '兴隆镇',
  '三合乡',
  '永丰镇',
  '东坪乡',
];

/** Villages (村) where 村小 and 教学点 stand. */
export const VILLAGES: readonly string[] = [
  '张家湾',
  '李家坪',
  '王家庄',
  '河口',
  '石门',
  '竹林',
  '杨家岭',
  '枫树坪',
  '大塘',
  '黄泥坳',
  '刘家冲',
  '沙坪',
  '马家垭',
  '陈家沟',
  '桥头',
  '新屋场',
  '岩门',
  '茶园',
  '高坪',
  '白岩',
];

export const ROADS: readonly string[] = [
  '人民路',
  '解放路',
  '建设路',
  '文化路',
  '育才路',
  '新华街',
  '学府路',
  '中山路',
  '滨江路',
  '园丁路',
  '书院街',
  '朝阳路',
];

/** 一 … 二十, then Arabic digits (第二十一小学 is rare; 第21小学 is not Chinese style but keeps names unique). */
export function chineseNumber(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
  return String(n);
}
