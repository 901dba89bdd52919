# Writes reports/site-comparison.jrxml (the site comparison table: 12 figure columns x 2 lines x RAG styles).
# Run: python3 docs/dev/site-comparison-jrxml.py
import os
N=12
W=802
xs={'rank':(0,14),'site':(14,98),'period':(112,30)}
mx=142; mw=42
ctx=[('cla',mx+N*mw,36,'CLA rate per 10,000'),('neighbours',mx+N*mw+36,46,'Statistical neighbours\' mean'),('ofsted',mx+N*mw+82,W-(mx+N*mw+82),'Ofsted overall (latest)')]
out=[]
a=out.append
a('<?xml version="1.0" encoding="UTF-8"?>')
a('<!-- The site comparison (landscape): one line pair per site (the month, then the rolling twelve months), ranked; the column header repeats on every page with the all-site figures. Values arrive printed and suppressed (org.sightline.report.SiteComparison via Cell); mrN/yrN carry the RAG letter. Generated layout: 12 figure columns then three context columns. -->')
a('<jasperReport name="site-comparison" language="java" pageWidth="842" pageHeight="595" orientation="Landscape" columnWidth="802" leftMargin="20" rightMargin="20" topMargin="18" bottomMargin="14" whenNoDataType="AllSectionsNoDetail">')
a('\t<style name="base" default="true" fontName="DejaVu Sans" fontSize="6.5" forecolor="#263238"/>')
a('\t<style name="h1" fontName="DejaVu Sans" fontSize="13.0" bold="true" forecolor="#1F3A5F"/>')
a('\t<style name="lead" fontName="DejaVu Sans" fontSize="7.5" forecolor="#455A64"/>')
a('\t<style name="head" fontName="DejaVu Sans" fontSize="6.0" bold="true" forecolor="#37474F" mode="Opaque" backcolor="#ECEFF1"/>')
a('\t<style name="all" fontName="DejaVu Sans" fontSize="6.5" bold="true" forecolor="#1F3A5F" mode="Opaque" backcolor="#E3EAF2"/>')
a('\t<style name="note" fontName="DejaVu Sans" fontSize="5.5" italic="true" forecolor="#607D8B"/>')
for p in ('m','y'):
    for i in range(N):
        a(f'\t<style name="c{p}{i}" mode="Transparent" fontName="DejaVu Sans" fontSize="6.5">')
        for L,col in (('G','#C8E6C9'),('A','#FFE0B2'),('R','#FFCDD2')):
            a(f'\t\t<conditionalStyle mode="Opaque" backcolor="{col}"><conditionExpression><![CDATA["{L}".equals($F{{{p}r{i}}})]]></conditionExpression></conditionalStyle>')
        a('\t</style>')
for n in ['TITLE','SUBTITLE','FOOTER','MONTH_LABEL','LEGEND','ALL_NOTE']:
    a(f'\t<parameter name="{n}" class="java.lang.String"/>')
for i in range(N):
    for n in ('H','AM','AY'):
        a(f'\t<parameter name="{n}{i}" class="java.lang.String"/>')
for n in ['rank','site','note','cla','neighbours','ofsted']:
    a(f'\t<field name="{n}" class="java.lang.String"/>')
for i in range(N):
    for n in ('m','y','mr','yr'):
        a(f'\t<field name="{n}{i}" class="java.lang.String"/>')
def tf(x,y,w,h,expr,style=None,align='Left',extra='',box=''):
    st=f' style="{style}"' if style else ''
    return f'\t\t\t<element kind="textField" x="{x}" y="{y}" width="{w}" height="{h}" blankWhenNull="true" hTextAlign="{align}" vTextAlign="Middle"{st}{extra}>\n\t\t\t\t<expression><![CDATA[{expr}]]></expression>{box}\n\t\t\t</element>'
# page header
a('\t<pageHeader height="36">')
a(tf(0,0,W,18,'$P{TITLE}','h1').replace('\t\t\t','\t\t'))
a(tf(0,19,W,12,'$P{SUBTITLE}','lead').replace('\t\t\t','\t\t'))
a('\t\t<element kind="line" x="0" y="33" width="802" height="1" forecolor="#1F3A5F"><pen lineWidth="1.0"/></element>')
a('\t</pageHeader>')
# column header
pad='\n\t\t\t\t<box leftPadding="2" rightPadding="2"/>'
padb='\n\t\t\t\t<box leftPadding="2" rightPadding="2" bottomPadding="2"><bottomPen lineWidth="0.75" lineColor="#90A4AE"/></box>'
a('\t<columnHeader height="52">')
a('\t\t<band height="52">' if False else '')
hh=30
a(tf(0,0,14,hh,'"#"','head','Left',' vTextAlign="Bottom"',padb).replace(' vTextAlign="Middle"','',1))
a(tf(14,0,98,hh,'"Site"','head','Left',' vTextAlign="Bottom"',padb).replace(' vTextAlign="Middle"','',1))
a(tf(112,0,30,hh,'"Period"','head','Left',' vTextAlign="Bottom"',padb).replace(' vTextAlign="Middle"','',1))
for i in range(N):
    a(tf(mx+i*mw,0,mw,hh,f'$P{{H{i}}}','head','Right',' vTextAlign="Bottom"',padb).replace(' vTextAlign="Middle"','',1))
for n,x,w,lab in ctx:
    a(tf(x,0,w,hh,f'"{lab}"','head','Right' if n!='ofsted' else 'Left',' vTextAlign="Bottom"',padb).replace(' vTextAlign="Middle"','',1))
# all-sites line pair
a(tf(0,hh+1,142,10,'"All sites · " + $P{ALL_NOTE}','all','Left','',pad))
a(tf(112,hh+1,30,10,'$P{MONTH_LABEL}','all','Left','',pad))
a(tf(0,hh+11,112,10,'""','all','Left','',pad))
a(tf(112,hh+11,30,10,'"12 mo"','all','Left','',pad))
for i in range(N):
    a(tf(mx+i*mw,hh+1,mw,10,f'$P{{AM{i}}}','all','Right','',pad))
    a(tf(mx+i*mw,hh+11,mw,10,f'$P{{AY{i}}}','all','Right','',pad))
a(tf(mx+N*mw,hh+1,W-(mx+N*mw),20,'""','all','Left','',pad))
a(f'\t\t<element kind="line" x="0" y="{hh+21}" width="802" height="1" forecolor="#90A4AE"><pen lineWidth="0.75"/></element>')
a('\t</columnHeader>')
a('\t<detail>')
a('\t\t<band height="22" splitType="Prevent">')
a(tf(0,1,14,10,'$F{rank}',None,'Left','',pad))
a(tf(14,1,98,10,'$F{site}',None,'Left',' textAdjust="ScaleFont"',pad))
a(tf(14,11,98,10,'$F{note}','note','Left',' textAdjust="ScaleFont"',pad))
a(tf(112,1,30,10,'$P{MONTH_LABEL}','note','Left','',pad))
a(tf(112,11,30,10,'"12 mo"','note','Left','',pad))
for i in range(N):
    for p,y in (('m',1),('y',11)):
        a(tf(mx+i*mw,y,mw,10,f'$F{{{p}{i}}}',f'c{p}{i}','Right','','\n\t\t\t\t<box leftPadding="2" rightPadding="7"/>'))
        a(tf(mx+i*mw+mw-7,y,6,10,f'$F{{{p}r{i}}}','note','Left',''))
for n,x,w,lab in ctx:
    a(tf(x,1,w,20,f'$F{{{n}}}',None,'Right' if n!='ofsted' else 'Left',' textAdjust="ScaleFont"',pad).replace('vTextAlign="Middle"','vTextAlign="Top"'))
a('\t\t\t<element kind="line" x="0" y="21" width="802" height="1" forecolor="#CFD8DC"><pen lineWidth="0.4"/></element>')
a('\t\t</band>')
a('\t</detail>')
a('\t<pageFooter height="22">')
a('\t\t<element kind="line" x="0" y="2" width="802" height="1" forecolor="#B0BEC5"><pen lineWidth="0.5"/></element>')
a(tf(0,4,740,16,'$P{FOOTER} + " by Sightline\\nG on target · A close to target · R off target.   <5: a count of 1 to 4.   –: not shown (fewer than 5 cases, or it would reveal a count of 1 to 4).   no data: nothing in the lake for the site and period."',None,'Left',' fontSize="6.0"').replace('\t\t\t','\t\t'))
a(tf(740,4,62,10,'"Page " + $V{PAGE_NUMBER}',None,'Right',' fontSize="7.0" bold="true"').replace('\t\t\t','\t\t'))
a('\t</pageFooter>')
a('\t<summary height="40" splitType="Prevent">')
a(tf(0,6,W,30,'$P{LEGEND}','lead','Left',' textAdjust="StretchHeight"').replace('\t\t\t','\t\t').replace('vTextAlign="Middle"','vTextAlign="Top"'))
a('\t</summary>')
a('</jasperReport>')
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'reports', 'site-comparison.jrxml'),'w').write('\n'.join(x for x in out if x!='')+'\n')
