// What the sandbox's Constant Contact partner starts with: six client accounts covering the cases the
// demo shows — trials to move onto a paid plan (with and without a billing day), paid accounts on
// different billing days, and a canceled account to reactivate. Ids are fixed so demo YAML can name them.

import type { SeedAccount } from './account-types.js';

export const CC_DEMO_ACCOUNT_IDS = {
  /** TRIAL/Trial: the demo moves it to GOLD with a billing day. */
  acmeTrial: 'acme0trial01',
  /** GOLD/Open, billed on the 1st. */
  globexGold: 'globex0gold1',
  /** SILVER/Open, billed on the 15th. */
  initechSilver: 'initech0slv1',
  /** BRONZE/Canceled: reactivation target. */
  umbrellaCanceled: 'umbrella0cx1',
  /** TRIAL/Trial, left alone by the demo. */
  hooliTrial: 'hooli0trial2',
  /** GOLD/Open, billed on the 10th. */
  starkGold: 'stark0gold02',
} as const;

const ids = CC_DEMO_ACCOUNT_IDS;

export const CONSTANTCONTACT_DEMO_SEED: readonly SeedAccount[] = [
  {
    encoded_account_id: ids.acmeTrial,
    organization_name: 'Acme Corporation',
    site_owner_name: 'acme_admin',
    subscriber_count: 320,
    plan_type: 'TRIAL',
    billing_status: 'Trial',
    billing_day_of_month: null,
    last_login_date: '2024-06-03T14:20:00.000Z',
  },
  {
    encoded_account_id: ids.globexGold,
    organization_name: 'Globex',
    site_owner_name: 'globex_marketing',
    subscriber_count: 4210,
    plan_type: 'GOLD',
    billing_status: 'Open',
    billing_day_of_month: 1,
    last_login_date: '2024-06-10T08:05:00.000Z',
  },
  {
    encoded_account_id: ids.initechSilver,
    organization_name: 'Initech',
    site_owner_name: 'initech_tps',
    subscriber_count: 1200,
    plan_type: 'SILVER',
    billing_status: 'Open',
    billing_day_of_month: 15,
  },
  {
    encoded_account_id: ids.umbrellaCanceled,
    organization_name: 'Umbrella Corp',
    site_owner_name: 'umbrella_ops',
    subscriber_count: 75,
    plan_type: 'BRONZE',
    billing_status: 'Canceled',
    billing_day_of_month: 20,
    managed: false,
  },
  {
    encoded_account_id: ids.hooliTrial,
    organization_name: 'Hooli',
    site_owner_name: 'hooli_growth',
    subscriber_count: 12,
    plan_type: 'TRIAL',
    billing_status: 'Trial',
    billing_day_of_month: null,
  },
  {
    encoded_account_id: ids.starkGold,
    organization_name: 'Stark Industries',
    site_owner_name: 'stark_comms',
    subscriber_count: 9800,
    plan_type: 'GOLD',
    billing_status: 'Open',
    billing_day_of_month: 10,
    last_login_date: '2024-05-28T19:45:00.000Z',
  },
];
