"""Tests of weekly_pdf.build."""
