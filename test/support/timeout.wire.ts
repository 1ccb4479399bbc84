// Retries with backoff against throttling take seconds, not milliseconds.
jest.setTimeout(60_000);
