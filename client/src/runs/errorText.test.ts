import { describe, expect, test } from 'vitest';
import { bodyDetail, describeError, errorHeadline, plainErrorMessage, plainExpressionMessage } from './errorText.js';

describe('errors in words', () => {
  test('an HTTP error shows the message inside its body instead of the raw JSON', () => {
    const body = { type: 'about:blank', title: 'Bad Request', status: 400, 'o:errorDetails': [{ detail: 'Fault injected: answering 400.', 'o:errorCode': 'USER_ERROR' }] };
    const error = { message: `POST /sandbox/erp/invoices answered 400: ${JSON.stringify(body)}`, details: { body } };
    expect(errorHeadline(error)).toBe('POST /sandbox/erp/invoices answered 400 — Fault injected: answering 400.');
    expect(bodyDetail({ error: { message: 'No such customer' } })).toBe('No such customer');
    expect(bodyDetail({ title: 'Not Found', status: 404 })).toBe('Not Found');
    expect(describeError({ code: 'http-status', status: 400, ...error })).toEqual({ message: errorHeadline(error), code: 'http-status', raw: error.message });
  });

  test('plain messages stay as they are; truncated bodies are kept', () => {
    expect(errorHeadline({ message: 'payload.total is missing' })).toBe('payload.total is missing');
    expect(errorHeadline({ message: 'GET /x answered 500: {"trunc' })).toBe('GET /x answered 500: {"trunc');
    expect(errorHeadline(undefined)).toBe('Unknown error');
  });

  test("plainErrorMessage takes JSONata's prefix and code off", () => {
    expect(plainErrorMessage('Evaluation failed at position 10 (near "<"): x is null [T2010]')).toBe('x is null');
    expect(plainErrorMessage('Syntax error at position 3: Expected ")" [S0203]')).toBe('Expected ")"');
  });

  test('terse JSONata errors are said in words, the code kept apart', () => {
    const syntax = { code: 'expression-error', message: 'Syntax error at position 10 (near "}"): Syntax error: "}" [S0201]', details: { jsonataCode: 'S0201', token: '}' } };
    expect(describeError(syntax)).toEqual({ message: '"}" is out of place: check the brackets, commas and quotes before it', code: 'JSONata S0201', raw: syntax.message });
    expect(plainExpressionMessage('Syntax error at position 6 (near "(end)"): Unexpected end of expression [S0207]')).toMatch(/^The expression ends too early/);
    expect(plainExpressionMessage('Evaluation failed at position 0 (near "nosuch"): Attempted to invoke a non-function [T1006]')).toMatch(/^There is no function "nosuch"/);
    expect(plainExpressionMessage('Evaluation failed at position 0 (near "sum"): Argument 1 of function "sum" does not match function signature [T0410]')).toBe(
      'Argument 1 of $sum is not of a type the function takes',
    );
  });

  test("JSONata's readable messages and the SDK's explanations keep their words, without the prefix and code", () => {
    const operator = 'Evaluation failed at position 14 (near "+"): one side of "+" is "x": The right side of the "+" operator must evaluate to a number [T2002]';
    expect(describeError({ code: 'expression-error', message: operator })).toEqual({
      message: 'one side of "+" is "x": The right side of the "+" operator must evaluate to a number',
      code: 'JSONata T2002',
      raw: operator,
    });
    expect(describeError({ code: 'timeout', message: 'POST https://erp/x did not answer within 5000 ms' })).toEqual({
      message: 'POST https://erp/x did not answer within 5000 ms',
      code: 'timeout',
      raw: 'POST https://erp/x did not answer within 5000 ms',
    });
  });
});
