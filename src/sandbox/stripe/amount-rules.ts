// The money terms of a price (reference §6), shared by the price itself and each of its
// `currency_options`: an amount as `unit_amount` (integer minor units) or `unit_amount_decimal` (never
// both), or tiers (ascending `up_to`, the last one `inf`), or a customer-chosen `custom_unit_amount`.

import { MAX_AMOUNT, integerOf, readDecimal } from './decimal.js';
import { invalid } from './errors.js';
import { type FormObject, type FormValue, asList } from './form.js';
import { checkKnown, nested, readBoolean, readInteger, readObject } from './params.js';
import type { StripeCustomUnitAmount, StripeTier } from './wire.js';

export interface UnitAmount {
  unit_amount: number | null;
  unit_amount_decimal: string | null;
}

/** The amount in `form` under `prefix` (both names are optional), or undefined when none is sent. */
export function readUnitAmount(form: FormObject, prefix?: string): UnitAmount | undefined {
  return readAmountPair(form, 'unit_amount', prefix);
}

function readAmountPair(form: FormObject, name: string, prefix?: string): UnitAmount | undefined {
  const integer = form[name];
  const decimal = form[`${name}_decimal`];
  if (integer !== undefined && decimal !== undefined) {
    throw invalid(
      `You may only specify one of these parameters: ${nested(prefix, name)}, ${nested(prefix, `${name}_decimal`)}.`,
      { param: nested(prefix, name), code: 'parameters_exclusive' },
    );
  }
  if (integer !== undefined) {
    const value = readInteger(integer, nested(prefix, name), { min: 0, max: MAX_AMOUNT });
    return { unit_amount: value, unit_amount_decimal: String(value) };
  }
  if (decimal !== undefined) {
    const value = readDecimal(decimal, nested(prefix, `${name}_decimal`));
    return { unit_amount: integerOf(value), unit_amount_decimal: value };
  }
  return undefined;
}

/** `tiers[i][up_to|unit_amount|unit_amount_decimal|flat_amount|flat_amount_decimal]`. */
export function readTiers(value: FormValue, param: string): StripeTier[] {
  const list = asList(value);
  if (list === undefined || list.length === 0) {
    throw invalid(`Invalid array: ${param} must be a non-empty list of tiers.`, { param });
  }
  const tiers = list.map((item, index) => readTier(item, `${param}[${index}]`));
  for (const [index, tier] of tiers.entries()) {
    const last = index === tiers.length - 1;
    const previous = index === 0 ? 0 : (tiers[index - 1]?.up_to ?? Infinity);
    if (last && tier.up_to !== null) {
      throw invalid('The last tier must have `up_to` set to `inf`.', { param: `${param}[${index}][up_to]` });
    }
    if (!last && (tier.up_to === null || tier.up_to <= previous)) {
      throw invalid('Tiers must be in ascending order of `up_to`, and only the last may be `inf`.', {
        param: `${param}[${index}][up_to]`,
      });
    }
  }
  return tiers;
}

function readTier(value: FormValue, param: string): StripeTier {
  const form = readObject(value, param);
  checkKnown(
    form,
    ['up_to', 'unit_amount', 'unit_amount_decimal', 'flat_amount', 'flat_amount_decimal'],
    param,
  );
  if (form.up_to === undefined) {
    throw invalid(`Missing required param: ${param}[up_to].`, {
      param: `${param}[up_to]`,
      code: 'parameter_missing',
    });
  }
  const upTo = form.up_to === 'inf' ? null : readInteger(form.up_to, `${param}[up_to]`, { min: 1 });
  const unit = readAmountPair(form, 'unit_amount', param);
  const flat = readAmountPair(form, 'flat_amount', param);
  if (unit === undefined && flat === undefined) {
    throw invalid(`Each tier needs a unit_amount or a flat_amount (or their _decimal forms).`, {
      param: `${param}[unit_amount]`,
      code: 'parameter_missing',
    });
  }
  return {
    flat_amount: flat?.unit_amount ?? null,
    flat_amount_decimal: flat?.unit_amount_decimal ?? null,
    unit_amount: unit?.unit_amount ?? null,
    unit_amount_decimal: unit?.unit_amount_decimal ?? null,
    up_to: upTo,
  };
}

/** `custom_unit_amount[enabled=true, minimum?, maximum?, preset?]`: the customer picks the amount. */
export function readCustomUnitAmount(value: FormValue, param: string): StripeCustomUnitAmount {
  const form = readObject(value, param);
  checkKnown(form, ['enabled', 'minimum', 'maximum', 'preset'], param);
  if (form.enabled === undefined || !readBoolean(form.enabled, `${param}[enabled]`)) {
    throw invalid(`${param}[enabled] must be true.`, { param: `${param}[enabled]` });
  }
  const read = (name: string): number | null =>
    form[name] === undefined
      ? null
      : readInteger(form[name], `${param}[${name}]`, { min: 0, max: MAX_AMOUNT });
  const custom = { maximum: read('maximum'), minimum: read('minimum'), preset: read('preset') };
  if (custom.minimum !== null && custom.maximum !== null && custom.minimum > custom.maximum) {
    throw invalid('The minimum must not exceed the maximum.', { param: `${param}[minimum]` });
  }
  return custom;
}
