import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_API_VERSION } from '../../../src/sandbox/stripe/index.js';
import { basicAuth, body, call, closeTestEmulators, startTestEmulator, stripeError } from './client.js';
import { send } from '../support/send.js';

afterEach(closeTestEmulators);

describe('Stripe emulator: request and answer conventions', () => {
  it('decodes bracketed keys into nested objects, indexed lists and metadata', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'P' } });

    const result = await call(emulator, 'POST', '/v1/prices', {
      form: {
        product: 'p',
        currency: 'usd',
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        'tiers[0][up_to]': 10,
        'tiers[0][unit_amount]': 500,
        'tiers[1][up_to]': 'inf',
        'tiers[1][unit_amount]': 400,
        'recurring[interval]': 'month',
        'metadata[plansync_key]': 'pro',
        'expand[]': 'tiers',
      },
    });

    expect(result.status).toBe(200);
    expect(body(result)).toMatchObject({
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      metadata: { plansync_key: 'pro' },
      tiers: [
        { up_to: 10, unit_amount: 500, unit_amount_decimal: '500', flat_amount: null },
        { up_to: null, unit_amount: 400 },
      ],
    });
  });

  it('reads repeated empty-bracket keys of a query as one list', async () => {
    const emulator = await startTestEmulator();
    for (const id of ['a', 'b', 'c'])
      await call(emulator, 'POST', '/v1/products', { form: { id, name: id } });

    const result = await call(emulator, 'GET', '/v1/products', {
      form: [
        ['ids[]', 'a'],
        ['ids[]', 'c'],
      ],
    });

    expect(body<{ data: Array<{ id: string }> }>(result).data.map((product) => product.id)).toEqual([
      'c',
      'a',
    ]);
  });

  it('reads an indexed list the same as an empty-bracket one', async () => {
    const emulator = await startTestEmulator();
    for (const id of ['a', 'b']) await call(emulator, 'POST', '/v1/products', { form: { id, name: id } });

    const result = await call(emulator, 'GET', '/v1/products', { form: { 'ids[0]': 'b', 'ids[1]': 'a' } });

    expect(body<{ data: unknown[] }>(result).data).toHaveLength(2);
  });

  it('clears an emptyable field sent with an empty value', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'P', description: 'Long text' } });

    const result = await call(emulator, 'POST', '/v1/products/p', { form: { description: '' } });

    expect(body(result).description).toBeNull();
  });

  it('refuses an empty value for a field that cannot be unset', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'P' } });

    const result = await call(emulator, 'POST', '/v1/products/p', { form: { name: '' } });

    expect(result.status).toBe(400);
    expect(stripeError(result)).toMatchObject({ code: 'parameter_invalid_empty', param: 'name' });
  });

  it('refuses an empty value for the fields stripe-node does not declare Emptyable', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/v1/products', {
      form: { id: 'p', name: 'P', statement_descriptor: 'PLANSYNC' },
    });
    const price = await call(emulator, 'POST', '/v1/prices', {
      form: { product: 'p', currency: 'usd', unit_amount: 1, nickname: 'Monthly' },
    });
    const id = body<{ id: string }>(price).id;

    const descriptor = await call(emulator, 'POST', '/v1/products/p', { form: { statement_descriptor: '' } });
    const nickname = await call(emulator, 'POST', `/v1/prices/${id}`, { form: { nickname: '' } });

    expect(stripeError(descriptor)).toMatchObject({
      code: 'parameter_invalid_empty',
      param: 'statement_descriptor',
    });
    expect(stripeError(nickname)).toMatchObject({ code: 'parameter_invalid_empty', param: 'nickname' });
    expect(emulator.prices()[0]?.nickname).toBe('Monthly');
  });

  it('refuses an unknown parameter, nested ones named with their brackets', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'POST', '/v1/products', { form: { id: 'p', name: 'P' } });

    const top = await call(emulator, 'POST', '/v1/products/p', { form: { colour: 'red' } });
    const nested = await call(emulator, 'POST', '/v1/prices', {
      form: {
        product: 'p',
        currency: 'usd',
        unit_amount: 1,
        'recurring[interval]': 'month',
        'recurring[every]': 2,
      },
    });

    expect(stripeError(top)).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'colour',
      message: 'Received unknown parameter: colour',
    });
    expect(stripeError(nested)).toMatchObject({ code: 'parameter_unknown', param: 'recurring[every]' });
  });

  it('refuses a JSON body', async () => {
    const emulator = await startTestEmulator();

    const result = await send(`${emulator.baseUrl}/v1/products`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: { name: 'P' },
    });

    expect(result.status).toBe(400);
    expect(stripeError(result).message).toMatch(/unsupported Content-Type application\/json/);
  });

  it('puts a Request-Id header on every answer, errors included', async () => {
    const emulator = await startTestEmulator();

    const ok = await call(emulator, 'GET', '/v1/products');
    const missing = await call(emulator, 'GET', '/v1/products/none');
    const unauthorized = await call(emulator, 'GET', '/v1/products', { authorization: null });

    for (const result of [ok, missing, unauthorized]) {
      expect(result.headers['request-id']).toMatch(/^req_[A-Za-z0-9]{14}$/);
    }
    expect(ok.headers['request-id']).not.toBe(missing.headers['request-id']);
  });

  it('echoes the Stripe-Version sent, records it, and answers the account version when none is sent', async () => {
    const emulator = await startTestEmulator();

    const pinned = await call(emulator, 'GET', '/v1/products', {
      headers: { 'stripe-version': '2026-11-18.endive' },
    });
    const unpinned = await call(emulator, 'GET', '/v1/products');

    expect(pinned.headers['stripe-version']).toBe('2026-11-18.endive');
    expect(unpinned.headers['stripe-version']).toBe(ACCOUNT_API_VERSION);
    expect(emulator.log[0]?.headers['stripe-version']).toBe('2026-11-18.endive');
  });

  it('refuses a Stripe-Version that is not a dated version', async () => {
    const emulator = await startTestEmulator();

    const result = await call(emulator, 'GET', '/v1/products', { headers: { 'stripe-version': 'latest' } });

    expect(result.status).toBe(400);
    expect(stripeError(result).message).toBe('Invalid Stripe API version: latest');
  });

  it('answers an unknown path and a missing method (no DELETE of a price) with 404 Unrecognized request URL', async () => {
    const emulator = await startTestEmulator();

    const path = await call(emulator, 'GET', '/v1/nothing');
    const method = await call(emulator, 'DELETE', '/v1/prices/price_1');

    expect(path.status).toBe(404);
    expect(method.status).toBe(404);
    expect(stripeError(method).message).toMatch(
      /^Unrecognized request URL \(DELETE: \/v1\/prices\/price_1\)/,
    );
  });
});
