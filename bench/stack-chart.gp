# gnuplot script of bench/run: req/s per stage at -c100 and -c1000, the ceilings as bars and the target as a line.
# gnuplot -e "datafile='rows.dat'; outfile='stack.png'; target=12345; title='...'" bench/stack-chart.gp
# datafile: one line per stage: "label" c100 c1000 ("-" when not measured), the ceilings last.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) { set terminal pngcairo size 1200,650 noenhanced font ",10" } else { set terminal png size 1200,650 noenhanced }
set output outfile
set title title
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y 10
set yrange [1:*]
set ylabel "req/s (log scale)"
set grid ytics
set key top center
set xtics rotate by -25 scale 0
if (target > 0) set arrow 1 from graph 0, first target to graph 1, first target nohead lw 2 dt 2 lc rgb "#c00000"
if (target > 0) set label 1 sprintf("target: 60%% of the proxy ceiling at -c100 (%.0f req/s)", target) at graph 0.01, first target * 1.15 tc rgb "#c00000"
plot datafile using 2:xtic(1) title "wrk -t2 -c100" lc rgb "#4472c4", \
     '' using 3 title "wrk -t2 -c1000" lc rgb "#ed7d31", \
     '' using ($0 - 0.18):($2 > 0 ? $2 * 1.12 : 1/0):(sprintf("%.0f", $2)) with labels font ",8" notitle, \
     '' using ($0 + 0.18):($3 > 0 ? $3 * 1.12 : 1/0):(sprintf("%.0f", $3)) with labels font ",8" notitle
