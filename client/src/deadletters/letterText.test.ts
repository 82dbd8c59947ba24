import { describe, expect, test } from 'vitest';
import { bodyDetail, errorHeadline } from './letterText.js';

describe('dead-letter texts', () => {
  test('an HTTP error shows the message inside its body instead of the raw JSON', () => {
    const body = { type: 'about:blank', title: 'Bad Request', status: 400, 'o:errorDetails': [{ detail: 'Fault injected: answering 400.', 'o:errorCode': 'USER_ERROR' }] };
    const error = { message: `POST /sandbox/erp/invoices answered 400: ${JSON.stringify(body)}`, details: { body } };
    expect(errorHeadline(error)).toBe('POST /sandbox/erp/invoices answered 400 — Fault injected: answering 400.');
    expect(bodyDetail({ error: { message: 'No such customer' } })).toBe('No such customer');
    expect(bodyDetail({ title: 'Not Found', status: 404 })).toBe('Not Found');
  });

  test('plain messages stay as they are; truncated bodies are kept', () => {
    expect(errorHeadline({ message: 'payload.total is missing' })).toBe('payload.total is missing');
    expect(errorHeadline({ message: 'GET /x answered 500: {"trunc' })).toBe('GET /x answered 500: {"trunc');
    expect(errorHeadline(undefined)).toBe('Unknown error');
  });
});
