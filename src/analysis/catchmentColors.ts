// The colour of each facility's catchment: one list shared by the map (the
// Voronoi cells and assignment lines), the panel's legend and the exported
// cells' `color` property, so a colour read off the map can be looked up.
/** Okabe–Ito plus two, cycled: neighbouring catchments stay distinguishable. */
export const CATEGORY_COLORS: readonly (readonly [number, number, number])[] = [
  [230, 159, 0], [86, 180, 233], [0, 158, 115], [240, 228, 66], [0, 114, 178],
  [213, 94, 0], [204, 121, 167], [120, 120, 120], [153, 102, 51], [102, 153, 0],
];

/** The colour of the facility at `index` in the run's facility list (cycled). */
export function categoryRgb(index: number): readonly [number, number, number] {
  return CATEGORY_COLORS[((index % CATEGORY_COLORS.length) + CATEGORY_COLORS.length) % CATEGORY_COLORS.length]!;
}

export function categoryHex(index: number): string {
  return `#${categoryRgb(index).map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

/** Facility id → colour index, in the order the run listed the facilities. */
export function facilityColorIndex(facilityIds: readonly string[]): Map<string, number> {
  return new Map(facilityIds.map((id, index) => [id, index]));
}
