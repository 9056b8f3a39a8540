from ehelse_map.cli import run

run()
