import { afterEach, describe, expect, it } from 'vitest';
import { parseFlatXml } from '../../../src/sandbox/bluesnap/xml-codec.js';
import { TEST_SEED, call, closeTestEmulators, startTestEmulator } from './client.js';

afterEach(closeTestEmulators);

const XML = { 'content-type': 'application/xml', accept: 'application/xml' };

const GOLD_PLAN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<plan xmlns="http://ws.plimus.com">
  <charge-frequency>MONTHLY</charge-frequency>
  <name>Gold &amp; Silver</name>
  <currency>USD</currency>
  <recurring-charge-amount>29.99</recurring-charge-amount>
  <trial-period-days>14</trial-period-days>
  <charge-on-plan-switch>true</charge-on-plan-switch>
</plan>`;

describe('BlueSnap emulator: XML content negotiation', () => {
  it('creates a plan from an XML body with kebab-case elements', async () => {
    const emulator = await startTestEmulator({ firstPlanId: 42 });

    await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN_XML, headers: XML });

    expect(emulator.plans()).toEqual([
      {
        planId: 42,
        name: 'Gold & Silver',
        recurringChargeAmount: 29.99,
        currency: 'USD',
        chargeFrequency: 'MONTHLY',
        trialPeriodDays: 14,
        chargeOnPlanSwitch: true,
        status: 'ACTIVE',
      },
    ]);
  });

  it('answers an XML request with a <plan> document in the plimus namespace', async () => {
    const emulator = await startTestEmulator({ firstPlanId: 42 });

    const response = await call(emulator, 'POST', '/recurring/plans', { body: GOLD_PLAN_XML, headers: XML });

    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.text).toContain('<plan xmlns="http://ws.plimus.com"><plan-id>42</plan-id>');
  });

  it('shows amounts with two decimals in XML', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans/502', {
      headers: { accept: 'application/xml' },
    });

    expect(response.text).toContain('<recurring-charge-amount>99.50</recurring-charge-amount>');
    expect(response.text).toContain('<initial-charge-amount>20.00</initial-charge-amount>');
  });

  it('lists plans under a <plans> root with paging elements', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'GET', '/recurring/plans?gettotal=true&fulldescription=false', {
      headers: { accept: 'application/xml' },
    });

    expect(response.text).toContain(
      '<plans xmlns="http://ws.plimus.com"><total-results>3</total-results><last-page>true</last-page>' +
        '<plan><name>With extras</name><plan-id>502</plan-id></plan>',
    );
  });

  it('encodes errors as <messages> with kebab-case elements', async () => {
    const emulator = await startTestEmulator({ seed: TEST_SEED });

    const response = await call(emulator, 'PUT', '/recurring/plans/500', {
      body: '<plan><name>Plain</name><currency>EUR</currency><recurring-charge-amount>29.99</recurring-charge-amount><charge-frequency>MONTHLY</charge-frequency></plan>',
      headers: XML,
    });

    expect(response.status).toBe(400);
    expect(response.text).toContain(
      '<messages xmlns="http://ws.plimus.com"><message><error-name>NON_UPDATABLE_FIELD</error-name><code>24014</code>',
    );
  });

  it('answers an unreadable XML body with VALIDATION_GENERAL_FAILURE', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: '<plan><name>x</name>',
      headers: XML,
    });

    expect(response.text).toContain('<error-name>VALIDATION_GENERAL_FAILURE</error-name>');
  });

  it('answers in JSON when Accept asks for JSON, whatever the body encoding', async () => {
    const emulator = await startTestEmulator();

    const response = await call(emulator, 'POST', '/recurring/plans', {
      body: GOLD_PLAN_XML,
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
    });

    expect(response.json).toMatchObject({ name: 'Gold & Silver', recurringChargeAmount: 29.99 });
  });
});

describe('parseFlatXml', () => {
  it('reads empty elements and character references', () => {
    const parsed = parseFlatXml('<plan><name>A&#38;B &#x263A;</name><status/></plan>');

    expect(parsed).toEqual({ kind: 'ok', root: 'plan', fields: { name: 'A&B ☺', status: '' } });
  });

  it('refuses nested elements', () => {
    const parsed = parseFlatXml('<plan><name><b>x</b></name></plan>');

    expect(parsed.kind).toBe('invalid');
  });
});
