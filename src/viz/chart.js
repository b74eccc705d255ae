// The script of every topica chart page (src/viz/html_page.cpp inlines it after plotly.js):
// reads the figure from <script id="topica-figure" type="application/json">, expands the
// documents chart's compact points into one WebGL trace per topic, and draws it. When plotly has
// drawn, document.body gets data-rendered="true" (tests and benchmarks wait for it).
(function () {
  'use strict';
  var colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22',
                '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d'];

  // Documents: one trace for "other" (outliers, topics not shown) in grey, then one per topic;
  // each topic's name is a text point at its centre unless annotations are hidden.
  // Opened as page.html#svg, the points are drawn as plain SVG (plotly's `scatter`), the
  // comparison bench/documents_chart.sh times.
  function documentTraces(d) {
    var pointType = window.location.hash === '#svg' ? 'scatter' : 'scattergl';
    var n = d.names.length, xs = [], ys = [], texts = [];
    for (var k = 0; k < n; k++) { xs.push([]); ys.push([]); texts.push([]); }
    var p = d.points;
    for (var i = 0; i < p.x.length; i++) {
      var t = p.topic[i];
      xs[t].push(p.x[i]); ys[t].push(p.y[i]); texts[t].push(p.text[i]);
    }
    var traces = [];
    for (var j = 0; j < n; j++) {
      var other = j === 0;
      if (other && xs[j].length === 0) continue;
      var trace = {
        type: pointType, mode: 'markers', x: xs[j], y: ys[j], hovertext: texts[j], hoverinfo: 'text',
        name: d.names[j], showlegend: !other,
        marker: other ? {color: '#CFD8DC', size: 5, opacity: 0.5} : {color: colors[(j - 1) % colors.length], size: 5, opacity: 0.5}
      };
      traces.push(trace);
    }
    if (d.annotations) {
      var ax = [], ay = [], at = [];
      for (var c = 1; c < n; c++) {
        if (d.centers[c] === null) continue;
        ax.push(d.centers[c][0]); ay.push(d.centers[c][1]); at.push(d.names[c]);
      }
      traces.push({type: 'scatter', mode: 'text', x: ax, y: ay, text: at, hoverinfo: 'skip', showlegend: false,
                   name: 'topic names', textfont: {size: 12}});
    }
    return traces;
  }

  function draw() {
    var started = performance.now();
    var figure = JSON.parse(document.getElementById('topica-figure').textContent);
    var data = figure.documents ? documentTraces(figure.documents) : figure.data;
    var target = document.getElementById('topica-chart');
    return Plotly.newPlot(target, data, figure.layout, {responsive: true, displaylogo: false}).then(function () {
      window.topicaDrawSeconds = (performance.now() - started) / 1000;
      document.body.setAttribute('data-rendered', 'true');
    });
  }

  window.topicaChart = draw();
})();
