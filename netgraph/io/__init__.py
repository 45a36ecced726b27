"""Import and export: interchange documents (JSON, CSV folders), GraphML/GEXF, the synthetic generator."""
