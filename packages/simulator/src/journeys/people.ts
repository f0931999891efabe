import { type DemoStore } from '../profile.js';
import { type Random } from '../random.js';

// Names, phones, VINs and plates: all drawn from the seeded generator, so the same seed makes the same people.

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu'];
const GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Qiang', 'Yan', 'Jun', 'Yong', 'Jie', 'Tao', 'Ming', 'Xia', 'Hui'];
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export const personName = (rng: Random): string => `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`;

export const mobile = (rng: Random): string => `1${rng.pick(['3', '5', '8'])}${rng.chars('0123456789', 9)}`;

export const vinOf = (rng: Random): string => `L${rng.chars(VIN_CHARS, 16)}`;

export const plateOf = (rng: Random, store: DemoStore): string => `${store.platePrefix}${rng.chars(PLATE_CHARS, 5)}`;

/** Employee ids carry the store (`sh001-c3`), so cross-store rankings never merge two people. */
export const staffId = (store: DemoStore, role: string, n: number): string => `${store.storeId.replaceAll('-', '')}-${role}${n}`;
