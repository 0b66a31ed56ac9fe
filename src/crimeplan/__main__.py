from crimeplan.cli import main

main()
