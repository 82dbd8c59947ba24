/** The SOQL subset of the CRM stand-in. */
import { describe, expect, it } from 'vitest';
import { SoqlError, fieldValue, matchesConditions, parseSoql } from './soql.js';

describe('parseSoql', () => {
  it('finds the top-level FROM past subqueries and splits AND conditions outside quotes', () => {
    expect(
      parseSoql(
        "SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE Name = 'Rock AND Roll' AND Amount != 2940.5 AND IsWon = TRUE AND CloseDate = 2025-02-27 LIMIT 3",
      ),
    ).toEqual({
      object: 'Opportunity',
      limit: 3,
      conditions: [
        { field: 'Name', operator: '=', value: 'Rock AND Roll' },
        { field: 'Amount', operator: '!=', value: 2940.5 },
        { field: 'IsWon', operator: '=', value: true },
        { field: 'CloseDate', operator: '=', value: '2025-02-27' },
      ],
    });
    expect(parseSoql("SELECT Id FROM Account WHERE Name = 'O\\'Brien'").conditions[0]!.value).toBe("O'Brien");
  });

  it.each([
    'SELECT Id FROM Opportunity WHERE IsWon = true OR IsClosed = true',
    "SELECT Id FROM Opportunity WHERE Name LIKE 'Ex%'",
    'SELECT Id FROM Opportunity WHERE CloseDate = THIS_QUARTER',
    'SELECT Id FROM Opportunity WHERE Amount > 5',
    "SELECT Id FROM Opportunity WHERE Name = 'unterminated",
    'DELETE FROM Opportunity',
  ])('refuses %s', (query) => {
    expect(() => parseSoql(query)).toThrow(SoqlError);
  });
});

describe('matchesConditions', () => {
  const record = { Id: '1', Account: { Name: 'Acme' }, OpportunityLineItems: null };
  it('reads dotted fields case-insensitively; a missing field is null', () => {
    expect(fieldValue(record, 'account.name')).toBe('Acme');
    expect(fieldValue(record, 'OpportunityLineItems.totalSize')).toBeNull();
    expect(matchesConditions(record, [{ field: 'Account.Name', operator: '=', value: 'Acme' }])).toBe(true);
    expect(matchesConditions(record, [{ field: 'Nope', operator: '=', value: null }])).toBe(true);
    expect(matchesConditions(record, [{ field: 'Id', operator: '!=', value: '1' }])).toBe(false);
  });
});
