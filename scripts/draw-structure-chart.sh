#!/usr/bin/env bash
# Draws packs/shared/organisations/images/met-executive-structure-2020.png, the
# "Executive Structure November 2020" chart of the met-2020 organisation file.
# The seed pack's own chart did not survive as text, so this one is drawn from
# what the seed's "Our Structure" section says: the Deputy Commissioner line
# manages the four Assistant Commissioners and the Chief Digital and Technology
# Officer; the Chief of Corporate Services works alongside the Deputy
# Commissioner. Needs ImageMagick; run it only to change the chart (the PNG is
# committed, so builds never run it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
font="$root/node_modules/pdfmake/build/fonts/Roboto/Roboto-Regular.ttf"
bold="$root/node_modules/pdfmake/build/fonts/Roboto/Roboto-Medium.ttf"
out="$root/packs/shared/organisations/images/met-executive-structure-2020.png"
W=1600 H=700 BW=290 BH=112
navy='#002D62' light='#E8EEF6' line='#5B6B80'

box() { # centre-x centre-y
  echo "-fill '$light' -stroke '$navy' -strokewidth 3 -draw \"roundrectangle $(( $1 - BW / 2 )),$(( $2 - BH / 2 )) $(( $1 + BW / 2 )),$(( $2 + BH / 2 )) 14,14\""
}
label() { # centre-x centre-y text
  echo "-stroke none -fill '$navy' -annotate $(printf '%+d%+d' $(( $1 - W / 2 )) $(( $2 - H / 2 ))) '$3'"
}
seg() { # x1 y1 x2 y2
  echo "-stroke '$line' -strokewidth 4 -draw \"line $1,$2 $3,$4\""
}

row3=(180 495 810 1125 1440)
args=()
# Lines first, so boxes sit on top of them.
args+=("$(seg 800 146 800 244)" "$(seg 800 200 1250 200)" "$(seg 1250 200 1250 244)")
args+=("$(seg 800 356 800 440)" "$(seg 180 440 1440 440)")
for x in "${row3[@]}"; do args+=("$(seg "$x" 440 "$x" 524)"); done
for c in "800 90" "800 300" "1250 300" "180 580" "495 580" "810 580" "1125 580" "1440 580"; do args+=("$(box $c)"); done
args+=("-font $bold -pointsize 26 -gravity center")
args+=("$(label 800 90 'Commissioner')" "$(label 800 300 'Deputy Commissioner')" "$(label 1250 300 'Chief of Corporate\nServices')")
args+=("-font $font -pointsize 23")
titles=('Assistant Commissioner\nFrontline Policing' 'Assistant Commissioner\nMet Operations' 'Assistant Commissioner\nProfessionalism' 'Assistant Commissioner\nSpecialist Operations' 'Chief Digital and\nTechnology Officer')
for i in "${!row3[@]}"; do args+=("$(label "${row3[$i]}" 580 "${titles[$i]}")"); done

# -strip and a fixed PNG encoder setup keep the file free of dates, so redrawing gives the same bytes.
eval convert -size "${W}x${H}" xc:white "${args[*]}" -strip -define png:exclude-chunks=date,time "PNG8:$out"
echo "wrote $out"
