export type ChannelOrder = 'rgb' | 'bgr';

/** A decoded picture: 8-bit samples, 3 interleaved channels, rows packed without padding. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  order: ChannelOrder;
}
