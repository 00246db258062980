import type { ComponentChildren } from 'preact';
import { followLink } from '../router.ts';

/** An in-app link: a real <a href> (so it opens in a new tab too) that navigates in place. */
export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page';
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props['aria-current']}
      onClick={followLink}
    >
      {props.children}
    </a>
  );
}
