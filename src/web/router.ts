import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the path and the query, as the address bar shows them. */
export interface AppLocation {
  readonly path: string;
  readonly query: URLSearchParams;
}

const listeners = new Set<() => void>();

function readLocation(): AppLocation {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Moves to another page of the app without a reload. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notifyListeners();
}

function notifyListeners(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notifyListeners);

/** The current location; re-renders the caller whenever it changes. */
export function useLocation(): AppLocation {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const update = (): void => {
      setLocation(readLocation());
    };
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/**
 * Handles a click on an in-app link: plain left clicks navigate in place, while modified
 * clicks (new tab, new window) are left to the browser.
 */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget;
  if (!(anchor instanceof HTMLAnchorElement)) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  if (anchor.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

/** Matches a path against a pattern such as "/registers/:classId"; null when it does not fit. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const wanted = pattern.split('/');
  const actual = path.replace(/\/+$/, '').split('/');
  if (path === '/') actual.splice(1, 1, '');
  if (wanted.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of wanted.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith(':')) {
      if (value === '') return null;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}
