import { describe, expect, test } from 'vitest';
import { applyCommand, commandBetween, composeCommands, invertCommand, isEmptyCommand, onlyMoves, type DocumentModel } from './commands.js';
import type { DesignerNode } from './convert.js';

const card = (id: string, x: number, config: Record<string, unknown> = {}): DesignerNode => ({
  id,
  type: 'ledger',
  position: { x, y: 0 },
  data: { type: 'transform.jsonata', typeVersion: 1, config, ports: { inputs: [], outputs: [] } },
});

const doc = (nodes: DesignerNode[]): DocumentModel => ({ meta: { schemaVersion: 1, id: 'f', name: 'F', settings: { runTimeoutMs: 1000, expressionTimeoutMs: 100, expressionMaxDepth: 100 } }, nodes, edges: [], notes: [] });

describe('document commands', () => {
  const a = card('a', 0);
  const b = card('b', 100);
  const c = card('c', 200);

  test('a command lists only what changed; its inverse restores order and identity', () => {
    const before = doc([a, b, c]);
    const moved = { ...b, position: { x: 150, y: 0 } };
    const d = card('d', 300);
    const after = doc([a, moved, d]);
    const command = commandBetween(before, after, 'Edit');
    expect(command.nodes.map((x) => [x.id, x.before ? 'before' : '-', x.after ? 'after' : '-'])).toEqual([
      ['b', 'before', 'after'],
      ['d', '-', 'after'],
      ['c', 'before', '-'],
    ]);
    const undone = applyCommand(after, invertCommand(command));
    expect(undone.nodes).toEqual([a, b, c]);
    expect(undone.nodes[0]).toBe(a);
    expect(applyCommand(undone, command).nodes.map((n) => n.id)).toEqual(['a', 'b', 'd']);
  });

  test('selection and measured sizes are view state: no command, and kept when a command applies', () => {
    const selected = { ...a, selected: true, measured: { width: 224, height: 90 } };
    expect(isEmptyCommand(commandBetween(doc([a]), doc([selected]), 'x'))).toBe(true);
    const command = commandBetween(doc([a]), doc([{ ...a, position: { x: 9, y: 9 } }]), 'Move');
    expect(onlyMoves(command)).toBe(true);
    const undone = applyCommand(doc([{ ...selected, position: { x: 9, y: 9 } }]), invertCommand(command));
    expect(undone.nodes[0]).toMatchObject({ position: { x: 0, y: 0 }, selected: true, measured: { width: 224, height: 90 } });
  });

  test('composed commands keep the first before and the last after; add-then-remove cancels out', () => {
    const first = commandBetween(doc([a]), doc([card('a', 0, { expression: 'p' })]), 'Type');
    const second = commandBetween(doc([card('a', 0, { expression: 'p' })]), doc([card('a', 0, { expression: 'pa' })]), 'Type');
    const both = composeCommands(first, second);
    expect(both.nodes).toHaveLength(1);
    expect(both.nodes[0]!.before).toBe(a);
    expect(both.nodes[0]!.after?.data.config).toEqual({ expression: 'pa' });
    expect(onlyMoves(both)).toBe(false);
    const added = commandBetween(doc([]), doc([b]), 'Add');
    const removed = commandBetween(doc([b]), doc([]), 'Delete');
    expect(isEmptyCommand(composeCommands(added, removed))).toBe(true);
  });
});
