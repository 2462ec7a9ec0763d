"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  { href: "/", label: "Search" },
  { href: "/saved", label: "Saved" },
  { href: "/watches", label: "Watches" },
] as const;
/** Personal API tokens live there: only for someone signed in. */
const settings = { href: "/settings", label: "Settings" } as const;

/** The site's sections; the current one is marked for screen readers as well as by its look. */
export function SiteNav({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname();
  const links = signedIn ? [...sections, settings] : sections;
  return (
    <nav className="site-nav" aria-label="Main">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={pathname === link.href ? "page" : undefined}
              data-testid={`nav-${link.label.toLowerCase()}`}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
