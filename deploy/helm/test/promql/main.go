// Command promql checks alert rules with Prometheus's own PromQL parser, for the chart's tests. It
// reads {"expressions": [...], "templates": [...]} on stdin and writes, for each expression, the parse
// error or its series selectors and the metric names they read, and for each annotation template its
// parse or expansion error.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"text/template"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

type input struct {
	Expressions []string `json:"expressions"`
	Templates   []string `json:"templates"`
}

type checkedExpression struct {
	Error     string   `json:"error,omitempty"`
	Selectors []string `json:"selectors"`
	Metrics   []string `json:"metrics"`
}

type output struct {
	Expressions []checkedExpression `json:"expressions"`
	Templates   []string            `json:"templates"`
}

func checkExpression(expression string) checkedExpression {
	expr, err := parser.ParseExpr(expression)
	if err != nil {
		return checkedExpression{Error: err.Error(), Selectors: []string{}, Metrics: []string{}}
	}
	selectors := []string{}
	names := map[string]bool{}
	parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
		if selector, ok := node.(*parser.VectorSelector); ok {
			selectors = append(selectors, selector.String())
			for _, matcher := range selector.LabelMatchers {
				if matcher.Name == labels.MetricName {
					names[matcher.Value] = matcher.Type == labels.MatchEqual
				}
			}
		}
		return nil
	})
	metrics := []string{}
	for name, exact := range names {
		if !exact {
			// A name matched by a regular expression could read anything: report it as such.
			name = "~" + name
		}
		metrics = append(metrics, name)
	}
	sort.Strings(metrics)
	return checkedExpression{Selectors: selectors, Metrics: metrics}
}

// What Prometheus puts before an alert's annotation templates, and the template functions they may
// use here (the humanize family; their output does not matter, only that the template expands).
const header = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

var functions = template.FuncMap{
	"humanize":           func(v float64) string { return "" },
	"humanizePercentage": func(v float64) string { return "" },
	"humanizeDuration":   func(v float64) string { return "" },
}

func checkTemplate(text string) string {
	parsed, err := template.New("annotation").Option("missingkey=zero").Funcs(functions).Parse(header + text)
	if err != nil {
		return err.Error()
	}
	data := map[string]any{"Labels": map[string]string{}, "ExternalLabels": map[string]string{}, "ExternalURL": "", "Value": 1.0}
	if err := parsed.Execute(&bytes.Buffer{}, data); err != nil {
		return err.Error()
	}
	return ""
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		os.Stderr.WriteString("promql: stdin must be {\"expressions\": [...], \"templates\": [...]}: " + err.Error() + "\n")
		os.Exit(2)
	}
	out := output{Expressions: []checkedExpression{}, Templates: []string{}}
	for _, expression := range in.Expressions {
		out.Expressions = append(out.Expressions, checkExpression(expression))
	}
	for _, text := range in.Templates {
		out.Templates = append(out.Templates, checkTemplate(text))
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
