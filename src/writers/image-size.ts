// How large an image is printed, shared by every writer so that a picture is
// the same size in the PDF and in Word: its natural size at 96 pixels an inch,
// shrunk (never enlarged) to the width of the text and three quarters of its
// height, so that a caption fits on the same page.

export interface Box {
  /** Points (1/72 inch). */
  width: number;
  height: number;
}

export function printedSize(pixels: { width: number; height: number }, text: Box): Box {
  const natural = { width: (pixels.width * 72) / 96, height: (pixels.height * 72) / 96 };
  const scale = Math.min(1, text.width / natural.width, (text.height * 0.75) / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}
