/**
 * What the case pipeline asks of other parts, as small interfaces: the place resolver (the org module's gazetteer)
 * and the text classifier. The composition root passes the real ones.
 */

/** Where an address or a point is in the district. */
export type Place = {
  lng: number;
  lat: number;
  subdistrictCode: string | null;
  subdistrictName: string | null;
  communityCode: string | null;
  communityName: string | null;
  approximate: boolean;
};

export type PlaceResolver = {
  /** An address to a point and its divisions; null when the address is not found in the district. */
  resolveAddress(address: string): Promise<Place | null>;
  /** A point to its divisions; null outside the district. */
  locate(lng: number, lat: number): Promise<Omit<Place, 'lng' | 'lat'> | null>;
};

export type Classifier = {
  /** The three likeliest categories of a text, best first. */
  classify(text: string): { top: { category: string; score: number }[] };
};
