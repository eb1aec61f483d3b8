// Deterministic synthetic partners for scale tests and benchmarks: `generateAccounts(5000)` gives the same
// 5,000 accounts on every run (seeded PRNG), with plausible names, skewed subscriber counts and a mix of
// plan/status combinations. Cheap enough that seeding thousands adds no noticeable start-up time.

import type { BillingStatus, SeedAccount } from './account-types.js';
import { prng } from '../kit/prng.js';

/** `PLAN/Status` combinations a generated account can have. */
type AccountProfile =
  | 'TRIAL/Trial'
  | 'TRIAL/Trial End'
  | 'TRIAL/Canceled'
  | 'BRONZE/Open'
  | 'SILVER/Open'
  | 'GOLD/Open'
  | 'BRONZE/Canceled'
  | 'SILVER/Canceled'
  | 'GOLD/Canceled';

/** Relative weights; the default leans on trials and open accounts, with a few canceled ones. */
const DEFAULT_ACCOUNT_MIX: Readonly<Partial<Record<AccountProfile, number>>> = {
  'TRIAL/Trial': 25,
  'TRIAL/Trial End': 5,
  'TRIAL/Canceled': 2,
  'BRONZE/Open': 20,
  'SILVER/Open': 20,
  'GOLD/Open': 18,
  'BRONZE/Canceled': 5,
  'SILVER/Canceled': 3,
  'GOLD/Canceled': 2,
};

export interface GenerateAccountsOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  mix?: Partial<Record<AccountProfile, number>>;
  /** Share of managed accounts (account_type=managed); default 0.9. */
  managedShare?: number;
}

const ADJECTIVES = [
  'Blue',
  'Bright',
  'Cedar',
  'Golden',
  'Harbor',
  'Maple',
  'North',
  'Quiet',
  'Red',
  'Silver',
  'Summit',
  'Urban',
];
const NOUNS = [
  'Bakery',
  'Books',
  'Cycles',
  'Dental',
  'Farms',
  'Fitness',
  'Florist',
  'Garage',
  'Labs',
  'Studio',
  'Tours',
  'Yoga',
];
const SUFFIXES = ['Co', 'LLC', 'Inc', 'Group', 'Partners', 'Collective'];
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DAY_MS = 86_400_000;
const LAST_LOGIN_BASE = Date.UTC(2024, 5, 1);

export function generateAccounts(count: number, options: GenerateAccountsOptions = {}): SeedAccount[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const random = prng(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weights = Object.entries(options.mix ?? DEFAULT_ACCOUNT_MIX).filter(
    ([, weight]) => (weight ?? 0) > 0,
  ) as [AccountProfile, number][];
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  if (total <= 0) throw new RangeError('mix needs at least one positive weight');
  const profile = (): AccountProfile => {
    let roll = random() * total;
    for (const [name, weight] of weights) {
      roll -= weight;
      if (roll < 0) return name;
    }
    return (weights[weights.length - 1] as [AccountProfile, number])[0];
  };

  const ids = new Set<string>();
  const accounts: SeedAccount[] = [];
  for (let index = 0; index < count; index += 1) {
    let id = '';
    while (id === '' || ids.has(id)) {
      id = Array.from({ length: 12 }, () => pick([...ID_ALPHABET])).join('');
    }
    ids.add(id);
    const [planType, status] = profile().split('/') as [string, BillingStatus];
    const organization = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${pick(SUFFIXES)} ${index + 1}`;
    // Most small businesses have a few hundred contacts; a long tail has tens of thousands.
    const subscribers = Math.floor(Math.pow(random(), 3) * 25_000);
    const account: SeedAccount = {
      encoded_account_id: id,
      organization_name: organization,
      site_owner_name: `${organization.split(' ')[0]?.toLowerCase() ?? 'owner'}${String(index + 1).padStart(5, '0')}`,
      subscriber_count: subscribers,
      plan_type: planType,
      billing_status: status,
      billing_day_of_month: planType === 'TRIAL' ? null : 1 + Math.floor(random() * 28),
      managed: random() < (options.managedShare ?? 0.9),
    };
    if (random() < 0.7) {
      account.last_login_date = new Date(LAST_LOGIN_BASE - Math.floor(random() * 365) * DAY_MS).toISOString();
    }
    accounts.push(account);
  }
  return accounts;
}
