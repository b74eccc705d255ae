// The script of every topica chart page (src/viz/html_page.cpp inlines it after plotly.js):
// reads the figure from <script id="topica-figure" type="application/json">, decodes the
// documents chart's compact points into one WebGL trace (with its own topic list), and draws
// it. When plotly has drawn, document.body gets data-rendered="true" (tests and benchmarks wait
// for it).
(function () {
  'use strict';
  var colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22',
                '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d'];

  // base64 of little-endian typed-array bytes (src/viz/typed_arrays.cpp) as a `Type` array.
  function decodeTypedArray(base64, Type) {
    var binary = atob(base64), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Type(bytes.buffer);
  }

  function topicColor(index) { return index === 0 ? '#CFD8DC' : colors[(index - 1) % colors.length]; }

  // The documents chart: every point in one WebGL trace, coloured by topic ("other": outliers
  // and topics not shown, in grey), each topic's name at its centre unless annotations are
  // hidden. One trace instead of one per topic keeps plotly to one draw call; plotly's own
  // legend needs a trace per entry, so the topic list beside the plot is ours (legendControl).
  // Opened as page.html#svg, the points are drawn as plain SVG (plotly's `scatter`), the
  // comparison bench/documents_chart.sh times.
  function documentsChart(d) {
    var p = d.points;
    var points = {
      x: decodeTypedArray(p.x, Float32Array), y: decodeTypedArray(p.y, Float32Array),
      topic: decodeTypedArray(p.topic, p.topic_bytes === 2 ? Uint16Array : Uint32Array), text: p.text
    };
    var hidden = d.names.map(function () { return false; });
    var counts = d.names.map(function () { return 0; });
    for (var i = 0; i < p.count; i++) counts[points.topic[i]]++;
    var traces = [pointsTrace(points, hidden, window.location.hash === '#svg' ? 'scatter' : 'scattergl')];
    if (d.annotations) traces.push(namesTrace(d));
    return {traces: traces, points: points, hidden: hidden, counts: counts};
  }

  // The trace of the points whose topic is not hidden; with none hidden, the decoded arrays as
  // they are (no copy). `rows` maps a point of the trace to its document (null: the same).
  // Hover labels are ours (hoverTooltip): handing plotly 100k hover texts cost a third of
  // its drawing time, and only one is ever shown at a time.
  function pointsTrace(points, hidden, pointType) {
    var all = hidden.indexOf(true) < 0, n = points.topic.length, kept = 0;
    for (var i = 0; i < n; i++) if (!hidden[points.topic[i]]) kept++;
    var x = all ? points.x : new Float32Array(kept), y = all ? points.y : new Float32Array(kept);
    var rows = all ? null : new Uint32Array(kept), color = new Array(kept);
    var colorOf = hidden.map(function (_, k) { return topicColor(k); });
    for (var from = 0, to = 0; from < n; from++) {
      var t = points.topic[from];
      if (hidden[t]) continue;
      if (!all) { x[to] = points.x[from]; y[to] = points.y[from]; rows[to] = from; }
      color[to++] = colorOf[t];
    }
    points.rows = rows;
    return {type: pointType, mode: 'markers', x: x, y: y, hoverinfo: 'none', name: 'documents', showlegend: false,
            marker: {color: color, size: 5, opacity: 0.5}};
  }

  // The hovered document's text start beside its point; data-row names the document.
  function hoverTooltip(target, points) {
    var tip = document.createElement('div');
    tip.id = 'topica-hover';
    tip.style.display = 'none';
    target.appendChild(tip);
    target.on('plotly_hover', function (event) {
      var hit = event.points.filter(function (pt) { return pt.curveNumber === 0; })[0];
      if (!hit) return;
      var row = points.rows ? points.rows[hit.pointNumber] : hit.pointNumber;
      tip.textContent = points.text[row];
      tip.setAttribute('data-row', String(row));
      tip.style.left = (hit.xaxis._offset + hit.xaxis.l2p(hit.x) + 8) + 'px';
      tip.style.top = (hit.yaxis._offset + hit.yaxis.l2p(hit.y) + 8) + 'px';
      tip.style.display = 'block';
    });
    target.on('plotly_unhover', function () { tip.style.display = 'none'; });
  }

  function namesTrace(d) {
    var ax = [], ay = [], at = [];
    for (var c = 1; c < d.names.length; c++) {
      if (d.centers[c] === null) continue;
      ax.push(d.centers[c][0]); ay.push(d.centers[c][1]); at.push(d.names[c]);
    }
    return {type: 'scatter', mode: 'text', x: ax, y: ay, text: at, hoverinfo: 'skip', showlegend: false,
            name: 'topic names', textfont: {size: 12}};
  }

  // The topic list beside the documents chart: a colour swatch and name per topic that has
  // points; clicking one hides or shows its points, as clicking plotly's legend would.
  function legendControl(d, chart, target, height) {
    var legend = document.createElement('div');
    legend.id = 'topica-legend';
    legend.style.maxHeight = height + 'px';
    d.names.forEach(function (name, k) {
      if (chart.counts[k] === 0) return;
      var item = document.createElement('button');
      item.className = 'topica-legend-item';
      item.setAttribute('data-topic-index', String(k));
      item.setAttribute('data-topic-id', String(d.topic_ids[k]));
      var swatch = document.createElement('span');
      swatch.className = 'topica-swatch';
      swatch.style.background = topicColor(k);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      item.addEventListener('click', function () {
        chart.hidden[k] = !chart.hidden[k];
        item.classList.toggle('topica-hidden', chart.hidden[k]);
        var trace = pointsTrace(chart.points, chart.hidden, target.data[0].type);
        Plotly.restyle(target, {x: [trace.x], y: [trace.y], 'marker.color': [trace.marker.color]}, [0]);
      });
      legend.appendChild(item);
    });
    return legend;
  }

  function draw() {
    var started = performance.now();
    var figure = JSON.parse(document.getElementById('topica-figure').textContent);
    var target = document.getElementById('topica-chart'), data = figure.data, layout = figure.layout;
    if (figure.documents) {
      var chart = documentsChart(figure.documents);
      data = chart.traces;
      // The topic list takes its width out of the figure's, so the page is as wide as asked.
      var legend = legendControl(figure.documents, chart, target, layout.height || 750);
      if (layout.width) layout.width = Math.max(400, layout.width - 260);
      target.parentNode.insertBefore(document.createElement('div'), target).id = 'topica-row';
      document.getElementById('topica-row').appendChild(target);
      document.getElementById('topica-row').appendChild(legend);
    }
    return Plotly.newPlot(target, data, layout, {responsive: true, displaylogo: false}).then(function () {
      if (figure.documents) hoverTooltip(target, chart.points);
      window.topicaDrawSeconds = (performance.now() - started) / 1000;
      document.body.setAttribute('data-rendered', 'true');
    });
  }

  window.topicaChart = draw();
})();
