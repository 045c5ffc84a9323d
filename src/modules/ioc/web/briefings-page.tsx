/** The briefings archive (TODO(skeleton): built by the briefings area). */
export function BriefingsPage() {
  return <div data-testid="briefings-page" />;
}
