/**
 * The few places where Ultralytics' predict post-processing changed between the two releases whose answers the
 * fixtures pin: 8.3.223 (the YOLOv8 fixtures) and 8.4.48 (YOLO26/YOLO11). A model is post-processed the way the
 * release that exported it (metadata `version`) does, so both generations keep giving their own Ultralytics numbers.
 */
export interface UltralyticsConventions {
  /**
   * ops.scale_boxes / ops.scale_coords derive the letterbox pad from the resized size `round(w0 * gain)`, as
   * LetterBox pads (8.4: ultralytics PR 23967, 23995); 8.3 used the unrounded `w0 * gain`.
   */
  padFromRoundedSize: boolean;
  /**
   * ops.crop_mask clamps the box at 0 before rounding (8.4: PR 24115); 8.3 sliced with the raw rounded box, so a
   * negative edge wrapped around like a Python slice.
   */
  cropClampsAtZero: boolean;
  /**
   * The OBB predictor passes the rotated boxes through ops.regularize_rboxes (8.3); 8.4.48 builds Results from the
   * raw angle. Same rectangle either way, but the corner order differs.
   */
  regularizesRotatedBoxes: boolean;
}

export const ULTRALYTICS_8_3: UltralyticsConventions = {
  padFromRoundedSize: false,
  cropClampsAtZero: false,
  regularizesRotatedBoxes: true,
};

export const ULTRALYTICS_8_4: UltralyticsConventions = {
  padFromRoundedSize: true,
  cropClampsAtZero: true,
  regularizesRotatedBoxes: false,
};

/**
 * Conventions of the Ultralytics release that exported a model. 8.4.x releases before spring 2026 already had some of
 * the 8.4 changes only; they are taken as 8.4.48 (the differences are a pixel at most, or masks at the image edge).
 * Without a version (not an Ultralytics export we know) the newest behaviour applies.
 */
export function conventionsFor(version: string | undefined): UltralyticsConventions {
  const match = /^(\d+)\.(\d+)\./.exec(version ?? '');
  if (!match) return ULTRALYTICS_8_4;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < 8 || (major === 8 && minor < 4) ? ULTRALYTICS_8_3 : ULTRALYTICS_8_4;
}
