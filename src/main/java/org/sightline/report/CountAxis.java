package org.sightline.report;

import net.sf.jasperreports.charts.JRChart;
import net.sf.jasperreports.charts.JRChartCustomizer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;

/**
 * Chart customizer for charts of counts: whole-number ticks from zero (never 0.5 of a referral).
 * Named by {@code customizerClass} in the templates.
 */
public final class CountAxis implements JRChartCustomizer {

    @Override
    public void customize(JFreeChart chart, JRChart jasperChart) {
        if (chart.getPlot() instanceof CategoryPlot p && p.getRangeAxis() instanceof NumberAxis axis) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis.setLowerBound(0);
            axis.setAutoRangeIncludesZero(true);
            axis.setUpperMargin(0.15);
        }
    }
}
