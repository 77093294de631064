/**
 * Plausibility limits for imported measurements. These are NOT part of the standard (which only gives score
 * thresholds): they refuse values no student can produce — a 50米跑 of 2 s, a 肺活量 of 90,000 ml, a height of 3 m —
 * and wrong units (minutes typed as seconds, metres typed as centimetres). Inclusive bounds.
 */
import type { ItemKey } from './standard.js';

/** Names and unit of each item as written in import headers and messages. */
export const ITEM_INFO: Record<ItemKey, { cn: string; aliases: string[]; unit: string; time: boolean }> = {
  vital_capacity: { cn: '肺活量', aliases: ['肺活量(毫升)', '肺活量(ml)'], unit: '毫升', time: false },
  run_50m: { cn: '50米跑', aliases: ['50米', '50米跑(秒)'], unit: '秒', time: true },
  sit_and_reach: { cn: '坐位体前屈', aliases: ['坐位体前屈(厘米)', '坐位体前屈(cm)'], unit: '厘米', time: false },
  rope_skip_1min: { cn: '一分钟跳绳', aliases: ['1分钟跳绳', '跳绳'], unit: '次', time: false },
  sit_up_1min: { cn: '一分钟仰卧起坐', aliases: ['1分钟仰卧起坐', '仰卧起坐'], unit: '次', time: false },
  shuttle_50x8: { cn: '50米×8往返跑', aliases: ['50米x8往返跑', '50米*8往返跑', '50×8往返跑'], unit: '秒', time: true },
  standing_long_jump: { cn: '立定跳远', aliases: ['立定跳远(厘米)', '立定跳远(cm)'], unit: '厘米', time: false },
  pull_up: { cn: '引体向上', aliases: [], unit: '次', time: false },
  run_1000m: { cn: '1000米跑', aliases: ['1000米'], unit: '秒', time: true },
  run_800m: { cn: '800米跑', aliases: ['800米'], unit: '秒', time: true },
};

/** Inclusive plausible range of each measurement, with the hint shown when a value falls outside. */
export const RANGES: Record<ItemKey | 'height' | 'weight' | 'bmi', { min: number; max: number; hint: string }> = {
  bmi: { min: 8, max: 60, hint: '请核对身高（厘米）与体重（千克）' },
  height: { min: 80, max: 230, hint: '身高以厘米填写，如 152.5' },
  weight: { min: 10, max: 250, hint: '体重以千克填写，如 45.2' },
  vital_capacity: { min: 200, max: 10000, hint: '肺活量以毫升填写，如 2350' },
  run_50m: { min: 5, max: 30, hint: '50米跑以秒填写，如 8.7' },
  sit_and_reach: { min: -40, max: 45, hint: '坐位体前屈以厘米填写，可为负数，如 -2.5' },
  rope_skip_1min: { min: 0, max: 300, hint: '一分钟跳绳以次数填写' },
  sit_up_1min: { min: 0, max: 100, hint: '一分钟仰卧起坐以次数填写' },
  shuttle_50x8: { min: 60, max: 300, hint: `50米×8往返跑以秒或 分'秒" 填写，如 1'52" 或 112` },
  standing_long_jump: { min: 30, max: 400, hint: '立定跳远以厘米填写，如 185' },
  pull_up: { min: 0, max: 100, hint: '引体向上以次数填写' },
  run_1000m: { min: 150, max: 900, hint: `1000米跑以秒或 分'秒" 填写，如 3'45" 或 225` },
  run_800m: { min: 110, max: 900, hint: `800米跑以秒或 分'秒" 填写，如 3'40" 或 220` },
};

/** Counted items must be whole numbers. */
export const WHOLE_NUMBER_ITEMS: readonly ItemKey[] = ['rope_skip_1min', 'sit_up_1min', 'pull_up'];
