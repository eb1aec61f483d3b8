// Credentials of the local sandbox emulators. They are public on purpose: they only open emulators
// on 127.0.0.1 that hold demo data, so the README's demo runs with nothing secret configured.
// Keys are the providers' credential slot names.

export const DEMO_CREDENTIALS = {
  bluesnap: { username: 'plansync-demo', password: 'sandbox-password-not-secret' },
  paypal: { client_id: 'plansync-demo-client', client_secret: 'sandbox-secret-not-secret' },
  constantcontact: {
    api_key: 'plansync-demo-api-key',
    client_id: 'plansync-demo-partner',
    client_secret: 'sandbox-partner-secret-not-secret',
  },
  jpmmps: { api_key: 'plansync-demo-merchant-key' },
} as const satisfies Record<string, Record<string, string>>;
