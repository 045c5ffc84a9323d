import { describe, expect, it } from 'vitest';
import { fitScale } from './stage.tsx';
import { layerIds, nextView, viewOf, views } from './views.ts';

describe('the screen’s views', () => {
  it('rotates through every view and back to the overview', () => {
    const seen = [views[0]!.id];
    for (let i = 1; i < views.length; i++) seen.push(nextView(seen.at(-1)!));
    expect(seen).toEqual(['overview', 'city', 'sensing', 'data', 'water', 'construction']);
    expect(nextView('construction')).toBe('overview');
  });

  it('opens the view a link names, the overview for anything else', () => {
    expect(viewOf('water').id).toBe('water');
    expect(viewOf('nonsense').id).toBe('overview');
    expect(viewOf(null).id).toBe('overview');
  });

  it('starts each view with layers the map knows, and shows the feed or a panel in every column', () => {
    for (const view of views) {
      expect(
        view.layers.every((l) => layerIds.includes(l)),
        view.id,
      ).toBe(true);
      expect(view.left.length && view.right.length, view.id).toBeTruthy();
    }
  });
});

describe('the stage', () => {
  it('scales 1920×1080 to fit: twice on a 4K wall, by width on 16:10', () => {
    expect(fitScale(1920, 1080)).toBe(1);
    expect(fitScale(3840, 2160)).toBe(2);
    expect(fitScale(1920, 1200)).toBe(1);
    expect(fitScale(2560, 1600)).toBeCloseTo(4 / 3);
    expect(fitScale(1280, 1024)).toBeCloseTo(2 / 3);
  });
});
