"""Tests of weekly_pdf.source."""
