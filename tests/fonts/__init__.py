"""Tests of weekly_pdf.fonts."""
