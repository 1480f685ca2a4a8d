<?xml version="1.0" encoding="utf-8"?>
<!-- Renders the site's Atom and RSS feeds as a readable page when a browser opens them. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="title" select="/atom:feed/atom:title | /rss/channel/title"/>
  <xsl:variable name="home" select="/atom:feed/atom:link[@rel='alternate']/@href | /rss/channel/link"/>
  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="{$home}theme/css/site.css"/>
      </head>
      <body>
        <header class="site-header">
          <p class="site-title"><a href="{$home}">ULS-SIG</a></p>
          <p class="site-subtitle">This is a feed: a list of posts for feed readers.</p>
        </header>
        <main id="content">
          <h1><xsl:value-of select="$title"/></h1>
          <section class="mailing-list-box" aria-labelledby="subscribe-title">
            <h2 id="subscribe-title">Subscribe</h2>
            <p>Copy the address of this page from your browser's address bar and paste it into
            your feed reader. It will show each new post as it is published.
            <a href="{$home}feeds/">See every feed of the site</a>.</p>
          </section>
          <h2>Latest entries</h2>
          <xsl:apply-templates select="/atom:feed/atom:entry | /rss/channel/item"/>
        </main>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="atom:entry">
    <article class="post-card">
      <h3 class="post-card-title"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="meta"><time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></p>
    </article>
  </xsl:template>
  <xsl:template match="item">
    <article class="post-card">
      <h3 class="post-card-title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="meta"><xsl:value-of select="pubDate"/></p>
    </article>
  </xsl:template>
</xsl:stylesheet>
