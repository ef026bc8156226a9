/** The Events list's keys, as a pure mapping so it is tested without a DOM. */
export type ListAction = 'up' | 'down' | 'focusSearch' | 'clear' | 'toggleCheck' | null;

export function listAction(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }, inTextField: boolean): ListAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'clear';
  if (inTextField) return null; // let people type "j", "k" and "/" in the search box
  switch (e.key) {
    case 'ArrowUp': case 'k': return 'up';
    case 'ArrowDown': case 'j': return 'down';
    case '/': return 'focusSearch';
    case 'x': return 'toggleCheck'; // check the current row for replay
    default: return null;
  }
}

export function moveIndex(current: number, action: 'up' | 'down', count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return 0;
  return Math.min(count - 1, Math.max(0, current + (action === 'down' ? 1 : -1)));
}
