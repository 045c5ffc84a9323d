/**
 * Extension points: a module's page names a place where other modules may add things (a tab on the resource
 * page, a widget on the home page), and the modules that add them say so in their WebModule's `contributes`.
 * The page never imports the modules that contribute, so dependencies point one way: from the contributor to
 * the page's module.
 */

/** A named place in a page where other modules add values of type T. */
export type ExtensionPoint<T> = { readonly id: string; readonly _type?: T };

/** One value a module adds at one extension point. */
export type Contribution = { readonly point: ExtensionPoint<unknown>; readonly value: unknown };

/** Declares an extension point; its id is `<module>.<place>`. */
export function extensionPoint<T>(id: string): ExtensionPoint<T> {
  return { id };
}

/** A value added at an extension point, type-checked against the point. */
export function contribute<T>(point: ExtensionPoint<T>, value: T): Contribution {
  return { point: point as ExtensionPoint<unknown>, value };
}

const installed = new Map<string, unknown[]>();

/** Installs every module's contributions; the console shell calls it once, before rendering. */
export function installContributions(contributions: readonly Contribution[]) {
  installed.clear();
  for (const { point, value } of contributions) {
    const list = installed.get(point.id) ?? [];
    list.push(value);
    installed.set(point.id, list);
  }
}

/** What the modules added at `point`, in the order the shell lists the modules. */
export function contributionsTo<T>(point: ExtensionPoint<T>): T[] {
  return (installed.get(point.id) ?? []) as T[];
}
