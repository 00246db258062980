import { useEffect } from 'preact/hooks';

/**
 * Names the page in the tab and moves focus to its heading, so screen-reader and keyboard
 * users start at the top of the new page as they would after a full page load.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Rollcall`;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null && document.activeElement !== heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [title]);
}
