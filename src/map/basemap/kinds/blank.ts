// 空白底图: one plain colour and nothing else, for presenting the plan alone
// (or, later, beneath the county lines drawn on top).
import { NEEDS_NO_ACCESS, type BasemapKind } from '../kind';

export const BLANK_BACKGROUND_COLOR = '#ffffff';

export const blankKind: BasemapKind = {
  kind: 'blank',
  accessProblem: NEEDS_NO_ACCESS,
  styleParts: () => ({
    sources: {},
    base: [{ id: 'background', type: 'background', paint: { 'background-color': BLANK_BACKGROUND_COLOR } }],
    labels: [],
  }),
};
