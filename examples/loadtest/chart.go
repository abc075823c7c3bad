package main

import (
	"fmt"
	"image/color"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var (
	naiveColor = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	fixedColor = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
)

func versionColor(v string) color.Color {
	if v == "naive" {
		return naiveColor
	}
	return fixedColor
}

// chartCols is how many scenarios a chart shows per row.
const chartCols = 4

// summaryChart draws, per scenario, its headline figure for each version:
// the median as a bar, the range of the runs as an error bar.
func (rp *report) summaryChart(path string) error {
	return rp.grid(path, func(sc scenario) (*plot.Plot, error) {
		p := plot.New()
		p.Title.Text = sc.Name + "\n" + sc.Headline.Name
		p.Y.Min = 0
		var labels plotter.XYLabels
		for i, v := range versions {
			runs := rp.results(sc, v.name)
			med, lo, hi := spread(runs, sc.Headline)
			bar, err := plotter.NewBarChart(plotter.Values{med}, vg.Points(36))
			if err != nil {
				return nil, err
			}
			bar.XMin = float64(i)
			bar.Color = versionColor(v.name)
			bar.LineStyle.Width = 0
			p.Add(bar)
			if len(runs) > 1 {
				eb, err := plotter.NewYErrorBars(rangeBar{plotter.XYs{{X: float64(i), Y: med}}, plotter.YErrors{{Low: med - lo, High: hi - med}}})
				if err != nil {
					return nil, err
				}
				p.Add(eb)
			}
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: hi})
			labels.Labels = append(labels.Labels, fmt.Sprintf(" "+sc.Headline.Format, med))
		}
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for i := range l.TextStyle {
			l.TextStyle[i].XAlign = draw.XCenter
		}
		p.Add(l)
		p.NominalX(versionNames()...)
		p.Y.Max *= 1.15 // room for the labels
		p.Y.Tick.Marker = plainTicks{}
		return p, nil
	})
}

// timelineChart draws, per scenario, its timeline series over the first
// run of each version.
func (rp *report) timelineChart(path string) error {
	return rp.grid(path, func(sc scenario) (*plot.Plot, error) {
		p := plot.New()
		p.Title.Text = sc.Name + "\n" + sc.Timeline.Name
		p.X.Label.Text = "seconds"
		p.Y.Min = 0
		p.Legend.Top = true
		for _, v := range versions {
			runs := rp.results(sc, v.name)
			if len(runs) == 0 {
				continue
			}
			r := runs[0]
			ys := sc.Timeline.Of(r)
			if sc.Timeline.Smooth {
				ys = movingMean(ys)
			}
			pts := make(plotter.XYs, 0, len(ys))
			for i, y := range ys {
				pts = append(pts, plotter.XY{X: float64(i+1) * r.Step, Y: y})
			}
			if len(pts) == 0 {
				continue
			}
			line, err := plotter.NewLine(pts)
			if err != nil {
				return nil, err
			}
			line.Color = versionColor(v.name)
			line.Width = vg.Points(1.5)
			p.Add(line)
			p.Legend.Add(v.name, line)
		}
		p.Y.Max *= 1.3 // room for the legend
		p.Y.Tick.Marker = plainTicks{}
		return p, nil
	})
}

// movingMean returns the mean of each value and its neighbours.
func movingMean(ys []float64) []float64 {
	out := make([]float64, len(ys))
	for i := range ys {
		lo, hi := max(i-1, 0), min(i+2, len(ys))
		sum := 0.0
		for _, y := range ys[lo:hi] {
			sum += y
		}
		out[i] = sum / float64(hi-lo)
	}
	return out
}

// plainTicks are plot's default ticks labelled without trailing zeros.
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'f', -1, 64)
		}
	}
	return ticks
}

// rangeBar is an error bar from the least to the greatest run.
type rangeBar struct {
	plotter.XYs
	plotter.YErrors
}

func versionNames() []string {
	names := make([]string, len(versions))
	for i, v := range versions {
		names[i] = v.name
	}
	return names
}

// grid draws one plot per scenario in rows of chartCols and saves the
// PNG at path.
func (rp *report) grid(path string, plotOf func(scenario) (*plot.Plot, error)) error {
	rows := (len(rp.scenarios) + chartCols - 1) / chartCols
	cols := min(len(rp.scenarios), chartCols)
	plots := make([][]*plot.Plot, rows)
	for i := range plots {
		plots[i] = make([]*plot.Plot, cols)
	}
	for i, sc := range rp.scenarios {
		p, err := plotOf(sc)
		if err != nil {
			return err
		}
		plots[i/chartCols][i%chartCols] = p
	}
	img := vgimg.New(vg.Length(cols)*3*vg.Inch, vg.Length(rows)*2.6*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(12), PadY: vg.Points(12),
		PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(6)}
	canvases := plot.Align(plots, tiles, dc)
	for j := range plots {
		for i, p := range plots[j] {
			if p != nil {
				p.Draw(canvases[j][i])
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
