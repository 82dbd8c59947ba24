/**
 * A sticky note: free text on the canvas for the people reading the flow (ignored by the runtime, kept in
 * the flow file's `notes`). Double-click to write; drag the corners to resize while it is selected. Typing
 * is one undo step per pause (the store folds keystrokes within a second).
 */
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { noteIdOf, type NoteNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';

export const StickyNote = memo(function StickyNote({ id, data, selected }: NodeProps<NoteNode>) {
  const [editing, setEditing] = useState(false);
  const updateNote = useDocument((s) => s.updateNote);
  return (
    <div className={`lf-note${selected ? ' lf-note--selected' : ''}`} data-testid={`note-${noteIdOf(id)}`} onDoubleClick={() => setEditing(true)}>
      <NodeResizer isVisible={selected && !editing} minWidth={120} minHeight={60} lineClassName="lf-note__resize-line" handleClassName="lf-note__resize-handle" />
      {editing ? (
        <textarea
          className="lf-note__editor nodrag nowheel nopan"
          value={data.text}
          autoFocus
          placeholder="Write a note…"
          onChange={(event) => updateNote(id, { text: event.target.value })}
          onBlur={() => setEditing(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') (event.target as HTMLTextAreaElement).blur();
          }}
          aria-label="Note text"
          data-testid="note-editor"
        />
      ) : (
        <div className={`lf-note__text${data.text ? '' : ' lf-note__text--empty'}`}>{data.text || 'Double-click to write a note'}</div>
      )}
    </div>
  );
});
