import { useEffect, type RefObject } from 'react';

/** `<details>` dropdowns inside `root` close on a click elsewhere or on Escape, like menus do. */
export function useDismissDropdowns(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const closeAll = (except?: Node) => {
      root.current?.querySelectorAll('details[open]').forEach((d) => {
        if (!except || !d.contains(except)) d.removeAttribute('open');
      });
    };
    const onClick = (e: MouseEvent) => closeAll(e.target as Node);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeAll();
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [root]);
}
