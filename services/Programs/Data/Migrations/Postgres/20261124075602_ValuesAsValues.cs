using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RehabPlatform.Programs.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ValuesAsValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {



            migrationBuilder.PostgresCommaListToArray("Templates", "Tags", "text[]");
            migrationBuilder.PostgresCommaListToArray("Exercises", "Tags", "text[]");
            migrationBuilder.PostgresCommaListToArray("Exercises", "Phases", "integer[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {




            migrationBuilder.PostgresArrayToCommaList("Templates", "Tags", 500);
            migrationBuilder.PostgresArrayToCommaList("Exercises", "Tags", 500);
            migrationBuilder.PostgresArrayToCommaList("Exercises", "Phases", 16);
        }
    }
}
